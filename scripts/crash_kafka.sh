#!/usr/bin/env bash
# The large Kafka crash run (issue: ≥ 1M events, ≥ 20 kills): produces raw events with the
# confluent-kafka client, kill -9s phigate at random points while it works, restarts it, then
# checks with a read_committed consumer that no eligible event is missing and counts
# duplicates. Installs and starts the local broker like scripts/test.sh.
#   scripts/crash_kafka.sh [EVENTS] [KILLS] [at_least_once|exactly_once]
# Result line: "large crash run: N events, K kills, D duplicates, S s". Record it in
# benches/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export PHIGATE_CRASH_EVENTS="${1:-1000000}"
export PHIGATE_CRASH_KILLS="${2:-20}"
export PHIGATE_CRASH_DELIVERY="${3:-at_least_once}"
source .ci/brokers.sh
if [ -z "${PHIGATE_SKIP_INSTALL:-}" ]; then brokers_install; fi
trap brokers_stop EXIT
brokers_start
export PHIGATE_PYTHON="$CI_DIR/venv/bin/python"
cargo test --release --test integration kafka_crash_large -- --ignored --nocapture
