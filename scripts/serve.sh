#!/usr/bin/env bash
# Installs what is missing, then serves the app on http://127.0.0.1:8080/ (rebuilds on change).
# Extra arguments go to `trunk serve`, e.g. `./scripts/serve.sh --release`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"   # Trunk must find wasm-opt 132 here, never Debian's
exec env HEZHANG_CARGO="$(command -v cargo)" PATH="$PWD/scripts/trunk-cargo:$PATH" trunk serve "$@"
