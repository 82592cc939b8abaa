#!/usr/bin/env bash
# Times `mgaudit triage` of one error URL with process start (the issue's target: under 30 ms), in
# release mode: the median and the fastest of RUNS runs, and with valgrind the instruction count
# (reproducible where wall times on a shared machine are not), beside `mgaudit --version` (process
# start and argument parsing alone).
#
# usage: Benchmarks/startup.sh            (the installed build: `--static-swift-stdlib`, the Swift runtime
#                                          and Foundation linked in; built in .build-static)
#        DYNAMIC=1 Benchmarks/startup.sh  (plain `swift build -c release`: the runtime as shared libraries)
# env:   RUNS=n (default 30), SKIP_BUILD=1, MGAUDIT=path (time that binary; no build)
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${RUNS:-30}"
if [[ -n "${MGAUDIT:-}" ]]; then
  bin="$MGAUDIT"
elif [[ -n "${DYNAMIC:-}" ]]; then
  [[ -n "${SKIP_BUILD:-}" ]] || swift build -c release --product mgaudit >&2
  bin=.build/release/mgaudit
else
  [[ -n "${SKIP_BUILD:-}" ]] || swift build -c release --product mgaudit --static-swift-stdlib --build-path .build-static >&2
  bin=.build-static/release/mgaudit
fi
url='https://mg.example.jp/oauth2/callback?error=invalid_request&error_description=AADSTS50011%3A+The+redirect+URI+%27https%3A%2F%2Fmg.example.jp%2Foauth2%2Fcallback%27+specified+in+the+request+does+not+match'

python3 - "$bin" "$runs" "$url" <<'PY'
import statistics, subprocess, sys, time
binary, runs, url = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rows = [("--version", [binary, "--version"]), ("triage URL", [binary, "triage", url, "--rules", "rules", "--as-of", "2026-12-01"])]
for label, command in rows:
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # warm the page cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    print(f"{label:12} median {statistics.median(times):6.1f} ms  fastest {min(times):6.1f} ms  ({runs} runs)")
PY

if command -v valgrind >/dev/null 2>&1; then
  # valgrind 3.19 cannot read Swift 6's DWARF 5: count on a copy without debug information.
  stripped="$(mktemp)"
  trap 'rm -f "$stripped"' EXIT
  objcopy --strip-debug "$bin" "$stripped"
  for label in version triage; do
    if [[ $label == version ]]; then args=(--version); else args=(triage "$url" --rules rules --as-of 2026-12-01); fi
    count="$( (valgrind --tool=callgrind --callgrind-out-file=/dev/null "$stripped" "${args[@]}" 2>&1 >/dev/null || true) | awk '/refs:/ { print $NF }')"
    printf '%-12s %s instructions\n' "$label" "$count"
  done
fi
echo "target: triage URL under 30 ms with process start"
