#!/usr/bin/env bash
# Replays saved inputs through a target once each and prints, per input, what happened and where:
#
#   Fuzz/triage.sh TARGET [FILE|DIR...]    default: Fuzz/.work/TARGET/artifacts
#
# One line per input, tab-separated: file, outcome (ok / trap / asan / leak / timeout / oom /
# exit=N), the error line (Swift's "Fatal error: ..." or the sanitizer's), the top stack frame
# in MGAuditCore or a dependency checkout, and the first frame in MGAuditCore (file:line function).
# The full output of each replay is kept in Fuzz/.work/TARGET/triage/NAME.txt.
set -eu

export SWIFT_BACKTRACE=enable=no
here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] || { echo "usage: $0 TARGET [FILE|DIR...]" >&2; exit 64; }
target=$1
shift
bin="$here/.build/debug/fuzz-$target"
[ -x "$bin" ] || { echo "$0: $bin is not built (run Fuzz/run.sh $target 1 first)" >&2; exit 1; }
[ $# -gt 0 ] || set -- "$here/.work/$target/artifacts"
out="$here/.work/$target/triage"
mkdir -p "$out"

find "$@" -type f ! -name '*.txt' | sort | while IFS= read -r file; do
    name=$(basename "$file")
    log="$out/$name.txt"
    rc=0
    timeout 120 "$bin" -runs=1 -timeout=10 -rss_limit_mb=2048 "$file" >"$log" 2>&1 </dev/null || rc=$?
    outcome=ok
    if grep -q 'ERROR: libFuzzer: timeout' "$log" || [ "$rc" = 124 ]; then outcome=timeout
    elif grep -q 'out-of-memory\|ERROR: libFuzzer: out-of-memory' "$log"; then outcome=oom
    elif grep -q 'LeakSanitizer: detected memory leaks' "$log"; then outcome=leak
    elif grep -q -E 'Fatal error|Swift runtime failure|libFuzzer: deadly signal' "$log"; then outcome=trap
    elif grep -q 'ERROR: AddressSanitizer' "$log"; then outcome=asan
    elif [ "$rc" != 0 ]; then outcome="exit=$rc"
    fi
    # Swift's own words first ("Fatal error: …", "Swift runtime failure: arithmetic overflow"), else
    # the sanitizer's or libFuzzer's.
    error=$(grep -m 1 -o -E 'Fatal error: .*|Swift runtime failure: [A-Za-z ]+[a-z]' "$log" || true)
    [ -n "$error" ] || error=$(grep -m 1 -o -E 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer): .*' "$log" || true)
    # Frames as "file:line:column function", demangled.
    frames() {
        grep -E '^ +#[0-9]+ 0x[0-9a-f]+ in [^ ]+ /' "$log" | grep -v -E 'LLVMFuzzerTestOneInput|/Fuzz/Sources/' \
            | sed -E 's/^ +#[0-9]+ 0x[0-9a-f]+ in ([^ ]+) ([^ ]+).*$/\2 \1/' | grep -E "$1" | head -n 1 \
            | swift demangle --simplified --compact 2>/dev/null || true
    }
    top=$(frames '/Sources/MGAuditCore/|/\.build/checkouts/')
    core=$(frames '/Sources/MGAuditCore/')
    printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$outcome" "${error:-}" "${top:-}" "${core:-}"
done
