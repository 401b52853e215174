#!/usr/bin/env bash
# Instructions per call, counted by valgrind's callgrind. Unlike criterion's times, the count
# does not move with the machine or its neighbours: on the shared 2-core machines the times
# of one binary moved by up to 2x between runs. Use it to compare two builds; it says
# nothing about cycles (cache misses, mispredicted branches, stalls), so confirm a change
# with interleaved criterion runs too (benches/README.md).
#
#   scripts/instructions.sh [PHIGATE_BINARY]   (default target/release/phigate, built if missing)
#
# Prints, in steady state (warm lazy DFA: the count of a short run is subtracted from the
# count of a long one), the instructions per Matcher::detect call on the bench texts
# (detect/sms, detect/note), on one thread: with two, how many warm-ups the count holds
# depends on how rayon split the lines. Also the whole `phigate scan` process (all its
# threads) per input line on generated events, with 1 worker.
#
# The scan count is steady only with mimalloc v2 (the `v2` feature in Cargo.toml): with v3,
# how often the worker's heap took fresh pages depended on how the threads interleaved, and
# the same binary gave 34k, 57k and 35k instructions per line in three runs.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v valgrind >/dev/null; then
  echo "valgrind is not installed (Debian: apt-get install valgrind)" >&2
  exit 2
fi
bin=${1:-target/release/phigate}
[[ -x $bin ]] || cargo build --release
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# the bench texts, as `phigate detect` input
python3 - "$tmp" <<'EOF'
import json, re, sys
src = open("benches/engine.rs", encoding="utf-8").read()
for name in ("SMS", "NOTE"):
    literal = re.search(r'const %s: &str = "(.*?)";' % name, src).group(1)
    text = json.loads('"' + literal + '"')
    for n in (600, 3000):
        with open(f"{sys.argv[1]}/{name.lower()}{n}.jsonl", "w", encoding="utf-8") as f:
            for i in range(n):
                f.write(json.dumps({"id": i, "text": text}) + "\n")
EOF

# instructions executed inside function $1 (and what it calls; "": everywhere) by the
# command after it
count() {
  local fn=$1
  shift
  valgrind --tool=callgrind --callgrind-out-file=/dev/null ${fn:+--toggle-collect="$fn"} "$@" 2>&1 >/dev/null |
    sed -n 's/.*I *refs: *//p' | tr -d ,
}

detect='phigate::redact::matcher::Matcher::detect'
for t in sms note; do
  long=$(RAYON_NUM_THREADS=1 count "$detect" "$bin" detect "$tmp/${t}3000.jsonl")
  short=$(RAYON_NUM_THREADS=1 count "$detect" "$bin" detect "$tmp/${t}600.jsonl")
  echo "detect/$t $(((long - short) / 2400)) instructions per call"
done

# the whole scan process, 1 worker, on generated events: a short and a long file
"$bin" gen --count 12000 >"$tmp/g12k.jsonl"
"$bin" gen --count 30000 >"$tmp/g30k.jsonl"
long=$(RAYON_NUM_THREADS=1 count "" "$bin" scan --workers 1 "$tmp/g30k.jsonl")
short=$(RAYON_NUM_THREADS=1 count "" "$bin" scan --workers 1 "$tmp/g12k.jsonl")
echo "scan $(((long - short) / 18000)) instructions per input line (all threads)"
