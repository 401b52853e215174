#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what the tests need, then runs them.
# Under CI=true, tests that need ../shared fail instead of skipping when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# python3 runs the corpus scorer in the accuracy test
command -v python3 >/dev/null || { apt-get update -qq && apt-get install -y -qq python3; }
command -v cargo >/dev/null || { echo "cargo is required (Rust stable)" >&2; exit 1; }

cargo fmt --all -- --check
cargo test --release --all-targets --no-run
cargo test --release
