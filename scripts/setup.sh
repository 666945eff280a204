#!/usr/bin/env bash
# Installs what the build and the tests need, and only what is missing.
# Fast (well under a second) when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130   # = the wasm-bindgen crate pin in Cargo.toml and Trunk.toml
TRUNK_VERSION=0.21.14          # 0.22 needs a newer rustc

say() { printf '== setup: %s\n' "$*"; }

# Headless Chromium and its driver, for the browser tests (Debian packages).
apt_pkgs=()
command -v chromium >/dev/null 2>&1 || apt_pkgs+=(chromium)
command -v chromedriver >/dev/null 2>&1 || apt_pkgs+=(chromium-driver)
# A small CJK font, so that screenshots of the Chinese interface show text, not boxes.
# pdftotext, for the test that checks text copied out of a PDF (skipped without it).
command -v pdftotext >/dev/null 2>&1 || apt_pkgs+=(poppler-utils)
fc-list :lang=zh 2>/dev/null | grep -q . || apt_pkgs+=(fonts-wqy-microhei)
if ((${#apt_pkgs[@]})); then
  say "apt-get install ${apt_pkgs[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_pkgs[@]}"
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# Without --locked: the locked build of 0.2.130 asks for a crate version the registry lacks.
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "cargo install trunk $TRUNK_VERSION (about 10 CPU-minutes)"
  cargo install --locked --force trunk --version "$TRUNK_VERSION"
fi

# cargo-fuzz, to build the fuzz targets on every run (on stable: `-s none` needs no nightly).
if ! cargo fuzz --version >/dev/null 2>&1; then
  say "cargo install cargo-fuzz (about 3 CPU-minutes)"
  cargo install --locked cargo-fuzz
fi

# wasm-opt 132 (npm binaryen), playwright-core and axe-core. No browser is downloaded.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
  || [ ! -d node_modules/axe-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi

# xlwt, for the test that writes an .xls (BIFF8) at test time (scripts/tsv_to_xls.py).
if ! python3 -c 'import xlwt' >/dev/null 2>&1; then
  say "pip install xlwt"
  python3 -m pip install --user --quiet --disable-pip-version-check xlwt
fi

# Trunk builds offline (Trunk.toml), which makes cargo offline too: fetch the crates first.
cargo fetch --locked --quiet
