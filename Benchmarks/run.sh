#!/usr/bin/env bash
# Times mgaudit on N synthetic tenants (Benchmarks/generate.py, fixed seed) in release mode, against
# the floor (Benchmarks/floor.py: read every file, parse the JSON ones with orjson; needs
# `pip install orjson`). Each row runs under /usr/bin/time -v and shows tenants/s, wall seconds,
# peak RSS and the ratio of its wall time to the floor's.
#
# usage: Benchmarks/run.sh [N]            (default 1000)
#        Benchmarks/run.sh --rss-pair     (N = 1,000 and 10,000: is peak RSS flat in N?)
# The binary timed is the installed build (README, "Installing": `--static-swift-stdlib`, the Swift
# runtime and Foundation linked in; built in .build-static), what operators run.
# env:   JOBS=n (batch --jobs; default: the number of cores), KEEP=1 (keep the temp folder),
#        DYNAMIC=1 (time plain `swift build -c release`, the runtime as shared libraries),
#        SKIP_BUILD=1 (use the existing binary), MGAUDIT=path (time that binary; no build)
#
# Wall times on a shared machine are indications only; compare changes with instruction counts
# (valgrind --tool=callgrind, see docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"

if [[ "${1:-}" == "--rss-pair" ]]; then
  sizes=(1000 10000)
else
  sizes=("${1:-1000}")
fi

if [[ -n "${MGAUDIT:-}" ]]; then
  bin="$MGAUDIT"
elif [[ -n "${DYNAMIC:-}" ]]; then
  [[ -n "${SKIP_BUILD:-}" ]] || swift build -c release --product mgaudit >&2
  bin="$repo/.build/release/mgaudit"
else
  [[ -n "${SKIP_BUILD:-}" ]] || swift build -c release --product mgaudit --static-swift-stdlib --build-path .build-static >&2
  bin="$repo/.build-static/release/mgaudit"
fi
python3 -c 'import orjson' 2>/dev/null || { echo "run.sh: the floor needs orjson: pip install orjson" >&2; exit 2; }

work="$(mktemp -d)"
if [[ -z "${KEEP:-}" ]]; then trap 'rm -rf "$work"' EXIT; else echo "keeping $work" >&2; fi
jobs=()
[[ -n "${JOBS:-}" ]] && jobs=(--jobs "$JOBS")

# batch exists since main ae62822; older trees only have check, which is the same loading and audit
# code run over the tenants one after the other (one JSON document, single thread).
if "$bin" batch --help >/dev/null 2>&1; then mode=batch; else mode=check; fi
[[ $mode == check ]] && echo "NOTE: this mgaudit has no batch command; timing 'check DIR/* --format json' instead" >&2

# run LABEL CMD...: runs CMD under /usr/bin/time -v, sets wall (s) and rss (KiB). Exit 1 (findings)
# is expected; exit 2 (input problems) is reported but does not stop the run.
run() {
  local label="$1"; shift
  local log="$work/$label.time"
  set +e
  /usr/bin/time -v "$@" >"$work/$label.out" 2>"$log"
  local status=$?
  set -e
  if ((status > 1)); then echo "WARNING: $label exited $status: $(grep -v '^\s' "$log" | head -3)" >&2; fi
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$log")"
  rss="$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log")"
}

declare -A peak
for n in "${sizes[@]}"; do
  fleet="$work/fleet-$n"
  python3 Benchmarks/generate.py "$fleet" "$n" --seed 20261127
  # warm the page cache once so that no row pays for the first read
  find "$fleet" -type f -exec cat {} + >/dev/null

  run floor python3 Benchmarks/floor.py "$fleet"
  floor_wall=$wall; floor_rss=$rss
  if [[ $mode == batch ]]; then
    run jsonl "$bin" batch "$fleet" --quiet "${jobs[@]}" --jsonl "$work/out-$n.jsonl" --as-of 2026-12-01 --rules rules
    jsonl_wall=$wall; jsonl_rss=$rss
    run every "$bin" batch "$fleet" --quiet "${jobs[@]}" --out-dir "$work/out-$n" --as-of 2026-12-01 --rules rules
    every_wall=$wall; every_rss=$rss
    # every file recognised, every pitfall found (after the timing, so it costs no row anything)
    python3 Benchmarks/verify.py "$fleet" "$work/out-$n.jsonl" | sed 's/^/verify: /' | tail -n 3 >&2
  else
    run jsonl "$bin" check "$fleet"/* --format json -o "$work/out-$n.json" --as-of 2026-12-01 --rules rules
    jsonl_wall=$wall; jsonl_rss=$rss
    every_wall=""; every_rss=""
  fi
  peak[$n]=$jsonl_rss

  echo
  echo "N=$n tenants ($mode, jobs ${JOBS:-cores=$(nproc)}, $(uname -m), ${bin#$repo/})"
  printf '%-22s %10s %8s %10s %9s\n' row tenants/s wall_s rss_MiB x_floor
  row() {  # label wall rss
    [[ -z "$2" ]] && { printf '%-22s %10s\n' "$1" "(n/a without batch)"; return; }
    awk -v l="$1" -v n="$n" -v w="$2" -v r="$3" -v f="$floor_wall" 'BEGIN {
      ws = (w > 0 ? w : 0.005); fs = (f > 0 ? f : 0.005)
      printf "%-22s %10.0f %8.2f %10.1f %9.2f\n", l, n / ws, w, r / 1024, ws / fs }'
  }
  row "batch --jsonl" "$jsonl_wall" "$jsonl_rss"
  row "batch --out-dir (all)" "$every_wall" "$every_rss"
  row "floor (orjson)" "$floor_wall" "$floor_rss"
done

echo
echo "targets: batch --jsonl <= 0.80 x floor; every format <= 3.00 x floor;"
echo "         peak RSS <= 60 MiB, and within 10% between 1,000 and 10,000 tenants (run.sh --rss-pair)"
if ((${#sizes[@]} == 2)); then
  awk -v a="${peak[1000]}" -v b="${peak[10000]}" 'BEGIN {
    printf "RSS batch --jsonl: %.1f MiB at 1,000, %.1f MiB at 10,000: %+.1f%%\n", a / 1024, b / 1024, (b - a) * 100 / a }'
fi
