#!/usr/bin/env bash
# Installs what is missing, then runs every check in order; stops at the first failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"   # wasm-opt 132 for `trunk build --release`
export INSTA_UPDATE=no                        # a changed snapshot fails; it is never written

# Trunk runs `cargo build` without `-p`; scripts/trunk-cargo/cargo adds it (see that file).
trunk_() { HEZHANG_CARGO="$(command -v cargo)" PATH="$PWD/scripts/trunk-cargo:$PATH" trunk "$@"; }

step() { printf '\n== %s\n' "$*"; }

step "format";                        cargo fmt --all --check
cargo fmt --manifest-path fuzz/Cargo.toml --check   # fuzz/ is a workspace of its own
step "clippy (host, workspace)";      cargo clippy --workspace --all-targets --locked -- -D warnings
step "clippy (wasm32, web app)";      cargo clippy --locked --target wasm32-unknown-unknown -p hezhang-web --all-targets -- -D warnings
step "clippy (wasm32, ingest worker)"; cargo clippy --locked --target wasm32-unknown-unknown -p hezhang-worker --lib --bins -- -D warnings
step "tests (host)";                  cargo test --workspace --locked
# Every fuzz target builds on every run, on stable: `-s none` instruments for libFuzzer
# (sancov) without a sanitizer, so no nightly flag is needed. Runs are manual (scripts/fuzz.sh).
# About 9 CPU-minutes cold (fuzz/README.md); the targets land in fuzz/target.
step "fuzz targets (cargo fuzz build -s none)"
cargo fuzz build -s none --fuzz-dir fuzz
step "component tests (headless Chromium)"
cargo test --locked --target wasm32-unknown-unknown -p hezhang-web --test web
step "release build";                 trunk_ build --release
step "end-to-end (playwright-core, release build)"
node --test tests/e2e/
step "budget (first load, paste → findings)"
node tests/e2e/budget.mjs
step "budget (native check: seed and published PDFs)"
bash scripts/budget.sh
