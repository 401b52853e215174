#!/usr/bin/env bash
# End-to-end throughput of `phigate scan` on a pre-generated file -> /dev/null, no servers.
#   scripts/bench_scan.sh [EVENTS] [RUNS] [REPEAT]   (defaults: 300000 events, 5 runs, 0)
# Runs, interleaved RUNS times: an empty input (start-up alone), 1 worker, 2 workers, and
# 2 workers with --no-redact (parse, policy, serialize: the pipeline around the engine).
# Prints medians: wall, CPU (user+sys), events/s, MB/s, events per CPU-second with and
# without start-up, max RSS, and the 1 -> 2 worker ratio. With REPEAT > 0, then a long run:
# the file REPEAT times through stdin, 2 workers, VmRSS sampled each second (it should stay
# flat). Results go to benches/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-300000}
runs=${2:-5}
repeat=${3:-0}
bin=target/release/phigate
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release -q
"$bin" gen --count "$n" --seed 5 >"$work/events.jsonl"
: >"$work/empty.jsonl"
python3 - "$bin" "$work" "$n" "$runs" "$repeat" <<'PY'
import os, statistics, subprocess, sys, threading, time

bin, work, n, runs, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
events, empty = f"{work}/events.jsonl", f"{work}/empty.jsonl"
size_mb = os.path.getsize(events) / 1e6
cases = [
    ("start-up (empty input)", empty, ["--workers", "1"]),
    ("1 worker", events, ["--workers", "1"]),
    ("2 workers", events, ["--workers", "2"]),
    ("2 workers, --no-redact", events, ["--workers", "2", "--no-redact"]),
]
res = {name: [] for name, _, _ in cases}
for _ in range(runs):
    for name, path, args in cases:
        t0 = time.monotonic()
        p = subprocess.Popen([bin, "scan", path, *args], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.monotonic() - t0
        if status != 0:
            sys.exit(f"{name}: phigate scan exited with status {status}")
        res[name].append((wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024))
med = {k: tuple(statistics.median(r[i] for r in v) for i in range(3)) for k, v in res.items()}
boot_wall, boot_cpu, _ = med["start-up (empty input)"]
print(f"{n} events, {size_mb:.1f} MB, medians of {runs} interleaved runs")
print("| run | wall | CPU | events/s | MB/s | events per CPU-s | same, net of start-up | max RSS |")
print("|---|---|---|---|---|---|---|---|")
for name, _, _ in cases:
    wall, cpu, rss = med[name]
    if name.startswith("start-up"):
        print(f"| {name} | {wall:.2f} s | {cpu:.2f} s | – | – | – | – | {rss:.0f} MB |")
        continue
    net = n / (cpu - boot_cpu) if cpu > boot_cpu else float("nan")
    print(f"| {name} | {wall:.2f} s | {cpu:.2f} s | {n / wall / 1e3:.0f}k | {size_mb / wall:.0f} "
          f"| {n / cpu / 1e3:.0f}k | {net / 1e3:.0f}k | {rss:.0f} MB |")
w1, w2 = med["1 worker"][0], med["2 workers"][0]
print(f"1 -> 2 workers: {w1 / w2:.2f}x wall, {(w1 - boot_wall) / (w2 - boot_wall):.2f}x net of start-up")

if repeat > 0:
    p = subprocess.Popen([bin, "scan", "--workers", "2"], stdin=subprocess.PIPE,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def feed():
        with open(events, "rb") as f:
            data = f.read()
        for _ in range(repeat):
            p.stdin.write(data)
        p.stdin.close()

    t = threading.Thread(target=feed)
    t0 = time.monotonic()
    t.start()
    samples, next_sample = [], t0 + 1
    while True:
        # (wait4 with WNOHANG: the child's own rusage once it has exited, 0 until then)
        pid, status, ru = os.wait4(p.pid, os.WNOHANG)
        if pid != 0:
            break
        time.sleep(0.02)
        if time.monotonic() < next_sample:
            continue
        next_sample += 1
        try:
            with open(f"/proc/{p.pid}/status") as f:
                rss = next((l for l in f if l.startswith("VmRSS:")), None)
            if rss:
                samples.append(f"{int(rss.split()[1]) / 1024:.1f}")
        except OSError:
            pass
    t.join()
    wall = time.monotonic() - t0
    if status != 0:
        sys.exit("long run: phigate scan failed")
    cpu = ru.ru_utime + ru.ru_stime
    print(f"long run: {n * repeat} events through stdin, 2 workers, {wall:.1f} s, {cpu:.1f} CPU-s "
          f"({n * repeat / wall / 1e3:.0f}k events/s, {n * repeat / cpu / 1e3:.0f}k per CPU-s); "
          f"VmRSS each second (MB): {' '.join(samples)}")
PY
