#!/usr/bin/env bash
# Runs one libFuzzer target (or all of them, one after another) for SECONDS each.
#
#   Fuzz/run.sh TARGET SECONDS      e.g. Fuzz/run.sh sheet-xlsx 600
#   Fuzz/run.sh all SECONDS
#   Fuzz/run.sh list
#
# Builds the target when its binary is missing or older than a source (no network: the root
# package's dependencies must already be checked out, as `swift build` at the root does), seeds a
# working corpus from Samples/ (copied, never modified) and Fuzz/corpus/TARGET/, and writes
# everything else under Fuzz/.work/TARGET/: corpus/ (grows across runs), artifacts/ (crash-*,
# timeout-*, oom-*, leak-* inputs), fuzz.log. Prints executions, cov/ft and what was found.
#
# Environment: FUZZ_FORK=0 runs libFuzzer in-process (stops at the first crash); the default,
# FUZZ_FORK=1, runs it in one forked job that carries on past crashes, timeouts and OOMs so that a
# known bug does not end the run. FUZZ_NO_LEAKS="TARGET ..." turns LeakSanitizer off for those
# targets (for a leak already saved and reported). FUZZ_ARGS adds libFuzzer flags. A dictionary
# Fuzz/dict/TARGET.dict (format tokens and boundary numbers) is used when present.
set -eu

# A Swift trap must reach libFuzzer's crash handler (which prints the symbolised stack and saves
# the input); Swift's own backtracer would run first and confuse AddressSanitizer.
export SWIFT_BACKTRACE=enable=no

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
samples="$root/Samples"
targets="manifest graphps consent settings sheet-text sheet-html sheet-xlsx sheet-yaml triage rulepack"

usage() {
    echo "usage: $0 TARGET|all SECONDS   (targets: $targets)" >&2
    exit 64
}

# The largest input each target is mutated up to: a few times its largest seed.
max_len() {
    case "$1" in
        rulepack) echo 131072 ;;
        manifest|graphps|triage) echo 16384 ;;
        sheet-xlsx) echo 16384 ;;
        *) echo 8192 ;;
    esac
}

# The seed files of a target, from Samples/ (one path a line).
seeds() {
    case "$1" in
        manifest) find "$samples" -type f -name 'manifest.json' ;;
        graphps) ;;  # hand-written PowerShell exports in Fuzz/corpus/graphps only
        consent) find "$samples" -type f \( -name 'appRoleAssignments.json' -o -name 'oauth2PermissionGrants.json' \) ;;
        settings) find "$samples" -type f -name 'mailgates-settings.*' ;;
        sheet-text) find "$samples/sheets" "$samples/tenants" -type f -name '*.txt' ;;
        sheet-html) find "$samples" -type f -name '*.html' ;;
        sheet-xlsx) find "$samples" -type f -name '*.xlsx' ;;
        sheet-yaml) find "$samples" -type f \( -name '*sheet*.yaml' -o -name '*sheet*.json' \) ;;
        triage) find "$samples/errors" -type f \( -name '*.url' -o -name '*.txt' -o -name '*.json' -o -name '*.log' \) \
                    ! -path '*/errors/tenants/*/manifest.json' ;;
        rulepack) echo "$root/rules/mailgates-m365.yaml" ;;
    esac
}

binary() { echo "$here/.build/debug/fuzz-$1"; }

build() {
    local target=$1 bin
    bin=$(binary "$target")
    if [ -x "$bin" ] && [ -z "$(find "$here/Sources/$target" "$here/Sources/FuzzDriver" "$here/Package.swift" \
            "$root/Sources" "$root/Package.swift" -newer "$bin" -type f 2>/dev/null | head -n 1)" ]; then
        return 0
    fi
    echo "== building fuzz-$target" >&2
    swift build -c debug -Xswiftc -sanitize=fuzzer,address --package-path "$here" --product "fuzz-$target" >&2
}

# The last libFuzzer status line (in-process: "#N ... cov: C ft: F ..."; fork mode: "#N: cov: ...").
last_status() { grep -E '^#[0-9]+:? .*cov: ' "$1" | tail -n 1 || true; }

run_one() {
    local target=$1 seconds=$2 work bin seedir status execs cov ft found
    case " $targets " in *" $target "*) ;; *) usage ;; esac
    build "$target"
    bin=$(binary "$target")
    work="$here/.work/$target"
    mkdir -p "$work/corpus" "$work/artifacts"
    seedir="$work/seeds"
    rm -rf "$seedir"
    mkdir -p "$seedir"
    # Copies, under names that keep distinct files apart (Samples is never touched).
    seeds "$target" | while IFS= read -r file; do
        [ -f "$file" ] || continue
        cp "$file" "$seedir/$(printf '%s' "${file#"$root"/}" | tr '/ ' '__')"
    done
    if [ -d "$here/corpus/$target" ]; then
        find "$here/corpus/$target" -type f -exec cp {} "$seedir/" \;
    fi
    # Regressions are seeds too: they are the interesting corners.
    for dir in "$here/regressions/$target" "$here/regressions-pending/$target"; do
        if [ -d "$dir" ]; then find "$dir" -type f -exec cp {} "$seedir/" \; ; fi
    done

    local mode=()
    if [ "${FUZZ_FORK:-1}" = 1 ]; then
        mode=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
    fi
    case " ${FUZZ_NO_LEAKS:-} " in *" $target "*) mode+=(-detect_leaks=0) ;; esac
    if [ -f "$here/dict/$target.dict" ]; then mode+=(-dict="$here/dict/$target.dict"); fi
    echo "== fuzz-$target for ${seconds}s (seeds: $(find "$seedir" -type f | wc -l), log: $work/fuzz.log)" >&2
    local started ended rc=0
    started=$(date +%s)
    # shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags
    "$bin" "${mode[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$target")" \
        -artifact_prefix="$work/artifacts/" -print_final_stats=1 ${FUZZ_ARGS:-} \
        "$work/corpus" "$seedir" >"$work/fuzz.log" 2>&1 || rc=$?
    ended=$(date +%s)

    status=$(last_status "$work/fuzz.log")
    execs=$(printf '%s\n' "$status" | sed -n 's/^#\([0-9]*\).*/\1/p')
    cov=$(printf '%s\n' "$status" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
    ft=$(printf '%s\n' "$status" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
    found=$(find "$work/artifacts" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) \
        -newermt "@$started" -printf '%f\n' 2>/dev/null | sort | tr '\n' ' ')
    printf '%s\n' "target: $target" "seconds: $((ended - started))" "exit: $rc" "executions: ${execs:-?}" \
        "cov: ${cov:-?}" "ft: ${ft:-?}" "found: ${found:-none}" "artifacts: $work/artifacts" \
        | tee "$work/summary.txt"
    echo
}

[ $# -ge 1 ] || usage
if [ "$1" = list ]; then
    echo "$targets" | tr ' ' '\n'
    exit 0
fi
[ $# -eq 2 ] || usage
case "$2" in ''|*[!0-9]*) usage ;; esac
if [ "$1" = all ]; then
    for target in $targets; do run_one "$target" "$2"; done
else
    run_one "$1" "$2"
fi
