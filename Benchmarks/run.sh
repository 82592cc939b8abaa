#!/usr/bin/env bash
# Times mgaudit on N synthetic tenants (fixed seed) in release mode; prints tenants/second and
# peak memory. usage: Benchmarks/run.sh [N]   (default 2000)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-2000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

swift build -c release --product mgaudit >/dev/null
binary="$(swift build -c release --show-bin-path)/mgaudit"
python3 Benchmarks/generate.py "$work/tenants" "$count"

# `check` takes every tenant folder as an argument; xargs is not used so that it is one process.
set +e
/usr/bin/time -f "%e %M" -o "$work/time" "$binary" check "$work"/tenants/* --as-of 2026-12-01 --format json \
  --output "$work/report.json"
status=$?
set -e
[ "$status" -le 1 ] || { echo "mgaudit failed with exit $status" >&2; exit "$status"; }
read -r seconds peak_kib < <(tail -n 1 "$work/time")
python3 - "$count" "$seconds" "$peak_kib" "$work/report.json" <<'PY'
import json, sys
count, seconds, peak_kib, report = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
summary = json.load(open(report))["summary"]
print(f"tenants: {count}  wall: {seconds:.2f} s  tenants/second: {count / max(seconds, 0.001):.0f}  "
      f"peak memory: {peak_kib / 1024:.1f} MiB  findings: {summary}")
PY
