#!/usr/bin/env bash
# A ready-to-run archive of Tablica for an IT person without a Rust
# toolchain: the program, the portal theme, the sample workspace to start
# from, the guides and a SHA256SUMS file, in one folder named after the
# version and the platform.
#
#   bash tools/release.sh [--target TRIPLE] [--out DIR]
#
# Builds `cargo build --release --locked` for the target (the host's by
# default) and writes DIR/tablica-<version>-<target>.tar.gz (.zip for
# Windows targets), default DIR: dist/. TABLICA_BIN=path skips the build and
# packs that binary (the tests use it). Other targets need their Rust
# standard library (`rustup target add`) and a linker; see
# docs/en/install-build-deploy.md for what is built and tested.
set -euo pipefail
cd "$(dirname "$0")/.."

target=$(rustc -vV | sed -n 's/^host: //p')
out=dist
while (($#)); do
    case $1 in
        --target) target=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        *) echo "unknown argument $1 (--target TRIPLE, --out DIR)" >&2; exit 2 ;;
    esac
done

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
exe=tablica
[[ $target == *windows* ]] && exe=tablica.exe
if [[ -n ${TABLICA_BIN:-} ]]; then
    binary=$TABLICA_BIN
else
    cargo build --release --locked --target "$target" --bin tablica
    target_dir=$(cargo metadata --format-version 1 --no-deps --locked |
        python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
    binary=$target_dir/$target/release/$exe
fi

name=tablica-$version-$target
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
dir=$stage/$name
mkdir -p "$dir/przyklad" "$dir/docs"
cp "$binary" "$dir/$exe"
cp README.md LICENSE "$dir/"
cp -r docs/en docs/pl "$dir/docs/"
# The sample workspace: the five portals and the hub, ready to build.
cp -r config.yaml content static themes "$dir/przyklad/"
cat >"$dir/CZYTAJ-MNIE.txt" <<TXT
Tablica $version ($target)

Program: $exe. Nie wymaga instalacji ani Rusta.
Przykład: folder przyklad/ (config.yaml, content/, static/, themes/).

  ./$exe --root przyklad build     # portale trafią do przyklad/public/
  ./$exe --root przyklad serve     # podgląd w przeglądarce

Poradnik dla redaktorów: docs/pl/poradnik-redaktora.md
Instalacja, budowanie, publikacja (EN): docs/en/install-build-deploy.md

Tablica $version ($target). No installation, no Rust needed. The sample
workspace is przyklad/: ./$exe --root przyklad build
TXT
(cd "$dir" && find . -type f ! -name SHA256SUMS -print0 | sort -z | xargs -0 sha256sum >SHA256SUMS)
mkdir -p "$out"
out=$(cd "$out" && pwd)
if [[ $target == *windows* ]]; then
    (cd "$stage" && python3 -m zipfile -c "$out/$name.zip" "$name")
    echo "$out/$name.zip"
else
    tar -C "$stage" -czf "$out/$name.tar.gz" "$name"
    echo "$out/$name.tar.gz"
fi
