#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what the tests need (Debian packages, a
# Python venv with the third-party clients and servers, kinesis-local from npm), starts the
# servers on 127.0.0.1, runs the tests, and stops what it started (by PID).
# Under CI=true, tests that need ../shared or a server fail instead of skipping.
set -euo pipefail
cd "$(dirname "$0")/.."
export CI_DIR="$PWD/.ci/work"

command -v cargo >/dev/null || { echo "cargo is required (Rust stable)" >&2; exit 1; }
# shellcheck source=../.ci/brokers.sh
source .ci/brokers.sh
if [ "${PHIGATE_SKIP_INSTALL:-}" != 1 ]; then
  brokers_install
fi
trap brokers_stop EXIT
brokers_start
export PHIGATE_PYTHON="$CI_DIR/venv/bin/python"

cargo fmt --all -- --check
# the chart, offline: lint + render every ci/*-values.yaml + strict Kubernetes schemas + the
# rendered config accepted by `phigate check`; alert rules checked and unit-tested
promtool check rules helm/phigate/files/alerts.yaml
(cd helm/phigate/tests && promtool test rules alerts_test.yaml)
cargo clippy --release --all-targets -- -D warnings
# doc comments: links that resolve, no stray HTML (reuses clippy's release check builds)
RUSTDOCFLAGS="-D warnings" cargo doc --release --no-deps --document-private-items
cargo test --release --all-targets --no-run
"$PHIGATE_PYTHON" scripts/chart_check.py helm/phigate target/release/phigate
cargo test --release -- --test-threads 2
