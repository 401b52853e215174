#!/usr/bin/env bash
# End-to-end throughput through a real broker: raw topic/stream -> phigate -> clean, with
# redaction and with --unsafe-passthrough (same binary, same broker, same run).
#   scripts/bench_e2e.sh kafka   [EVENTS]   needs KAFKA_BOOTSTRAP   (scripts/test.sh starts it)
#   scripts/bench_e2e.sh kinesis [EVENTS]   needs KINESIS_ENDPOINT
# Prints events/s for both and the ratio. Time = phigate's own run (start to idle exit,
# minus the idle wait), so broker start-up and the producer are not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:-kafka}
n=${2:-100000}
py=${PHIGATE_PYTHON:-.ci/work/venv/bin/python}
bin=target/release/phigate
work=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
cargo build --release -q
"$bin" gen --count "$n" --seed 99 >"$work/raw.jsonl"
tag=bench-$$-$(date +%s)
idle_ms=3000

run() { # mode config -> seconds from "partitions assigned"/"Pipeline starting" to the
         # last batch (the stop time minus the idle wait)
  if [ "$1" = passthrough ]; then "$bin" run --config "$2" --unsafe-passthrough 2>"$work/$1.log" >/dev/null
  else "$bin" run --config "$2" 2>"$work/$1.log" >/dev/null; fi
  python3 - "$work/$1.log" "$idle_ms" <<'PY'
import sys, re, datetime
start = stop = None
for l in open(sys.argv[1]):
    m = re.match(r"(\d{4}-\d\d-\d\dT[\d:.]+)Z", l)
    if not m:
        continue
    t = datetime.datetime.fromisoformat(m.group(1)[:26])
    if start is None and ("partitions assigned" in l or "Pipeline starting" in l and "kinesis" in l):
        start = t
    if "Pipeline stopped" in l:
        stop = t
print(f"{(stop - start).total_seconds() - int(sys.argv[2]) / 1000:.2f}")
PY
}

if [ "$kind" = kafka ]; then
  : "${KAFKA_BOOTSTRAP:?start the broker: source .ci/brokers.sh && brokers_start}"
  "$py" tests/clients/kafka_client.py produce --brokers "$KAFKA_BOOTSTRAP" --topic "$tag.raw" --file "$work/raw.jsonl" --partitions 3 >/dev/null
  for mode in redact passthrough; do
    cat >"$work/$mode.toml" <<TOML
[source]
kind = "kafka"
brokers = "$KAFKA_BOOTSTRAP"
topics = ["$tag.raw"]
group_id = "$tag.$mode"
session_timeout_ms = 3000
exit_when_idle_ms = $idle_ms
[sink]
kind = "kafka"
brokers = "$KAFKA_BOOTSTRAP"
topic = "$tag.clean.$mode"
create_topic = true
create_replication = 1
[quarantine]
kind = "null"
[policy]
processing_date = "2026-11-22"
[security]
allow_plaintext = true
[http]
listen = ""
TOML
  done
else
  : "${KINESIS_ENDPOINT:?start the server: source .ci/brokers.sh && brokers_start}"
  "$py" tests/clients/kinesis_client.py put --endpoint "$KINESIS_ENDPOINT" --stream "$tag-raw" --file "$work/raw.jsonl" --shards 4 >/dev/null
  for mode in redact passthrough; do
    cat >"$work/$mode.toml" <<TOML
[source]
kind = "kinesis"
stream = "$tag-raw"
region = "us-east-1"
endpoint = "$KINESIS_ENDPOINT"
checkpoint_file = "$work/$mode.checkpoints.json"
poll_interval_ms = 100
exit_when_idle_ms = $idle_ms
[sink]
kind = "kinesis"
stream = "$tag-clean-$mode"
region = "us-east-1"
endpoint = "$KINESIS_ENDPOINT"
create_stream_shards = 4
[quarantine]
kind = "null"
[policy]
processing_date = "2026-11-22"
[security]
allow_plaintext = true
[http]
listen = ""
TOML
  done
fi
# the group join / first listing is part of both runs alike
r=$(run redact "$work/redact.toml")
p=$(run passthrough "$work/passthrough.toml")
sent=$(grep -o '[0-9]* clean' "$work/redact.log" | head -1 | cut -d' ' -f1 || true)
echo "$kind: $n raw events ($sent clean)"
python3 - "$n" "$r" "$p" <<'PY'
import sys
n, r, p = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"  redaction:    {r:6.2f} s  {n / r:9.0f} events/s")
print(f"  pass-through: {p:6.2f} s  {n / p:9.0f} events/s")
print(f"  ratio: {p / r:.2f}x of pass-through")
PY
