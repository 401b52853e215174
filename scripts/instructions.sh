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
# (detect/sms, detect/note, detect/sms_mix), on one thread: with two, how many warm-ups
# the count holds depends on how rayon split the lines. Also the whole `phigate scan` process (all its
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

# the `detect/sms_mix` messages (benches/engine.rs, `sms_mix`): its templates and months read
# from there, names from the same shipped lists, the same draws of the same generator
# (SplitMix64, seed 7); written once and five times over
python3 - "$tmp" <<'EOF'
import json, re, sys
src = open("benches/engine.rs", encoding="utf-8").read()
body = src[src.index("fn sms_mix"):]
tpl = body[:body.index("const MONTHS")]
templates = [json.loads('"' + t + '"') for t in re.findall(r'^\s*"(.*\{.*)",$', tpl, re.M)]
mon = body[body.index("const MONTHS"):]
months = re.findall(r'"(\w+)"', mon[:mon.index("];")])
assert len(templates) == 10 and len(months) == 7, (len(templates), len(months))
M = (1 << 64) - 1
state = 7
def below(n):
    global state
    state = (state + 0x9E3779B97F4A7C15) & M
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
    return (z ^ (z >> 31)) % max(n, 1)
pick = lambda xs: xs[below(len(xs))]
def words(path):
    return [l for l in open(path, encoding="utf-8").read().splitlines()
            if not l.startswith("#") and len(l) >= 3 and all("a" <= c <= "z" for c in l)]
firsts, lasts = words("patterns/dicts/first_names.txt"), words("patterns/dicts/surnames.txt")
cap = lambda w: w[0].upper() + w[1:]
texts = []
for _ in range(512):
    f, l = pick(firsts), pick(lasts)
    fields = [("{F}", cap(f)), ("{L}", cap(l)), ("{f}", f), ("{l}", l), ("{S}", cap(pick(lasts)))]
    fields.append(("{D}", "%d/%d/%d" % (1 + below(12), 1 + below(28), 1930 + below(90))))
    fields.append(("{T}", "%d:%02d" % (1 + below(12), 5 * below(12))))
    fields.append(("{P}", "(%d) 555-%04d" % (201 + below(700), below(10000))))
    fields.append(("{M}", pick(months)))
    fields.append(("{d}", str(1 + below(28))))
    fields.append(("{N}", str(10 + below(9000))))
    t = pick(templates)
    for k, v in fields:
        t = t.replace(k, v)
    texts.append(t)
for reps in (1, 5):
    with open(f"{sys.argv[1]}/mix{reps}.jsonl", "w", encoding="utf-8") as out:
        for i in range(reps * 512):
            out.write(json.dumps({"id": i, "text": texts[i % 512]}) + "\n")
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
long=$(RAYON_NUM_THREADS=1 count "$detect" "$bin" detect "$tmp/mix5.jsonl")
short=$(RAYON_NUM_THREADS=1 count "$detect" "$bin" detect "$tmp/mix1.jsonl")
echo "detect/sms_mix $(((long - short) / 2048)) instructions per call (86 bytes on average)"

# the whole scan process, 1 worker, on generated events: a short and a long file
"$bin" gen --count 12000 >"$tmp/g12k.jsonl"
"$bin" gen --count 30000 >"$tmp/g30k.jsonl"
long=$(RAYON_NUM_THREADS=1 count "" "$bin" scan --workers 1 "$tmp/g30k.jsonl")
short=$(RAYON_NUM_THREADS=1 count "" "$bin" scan --workers 1 "$tmp/g12k.jsonl")
echo "scan $(((long - short) / 18000)) instructions per input line (all threads)"
