#!/usr/bin/env bash
# Files what a run found as regressions, by replaying each artifact (Fuzz/triage.sh):
#
#   Fuzz/collect.sh TARGET
#
# An input that still traps, hangs or blows up memory goes to Fuzz/regressions-pending/TARGET/ (the
# replay test would crash on it); one that now returns or throws (a leak, a timeout that was only a
# slow machine) goes to Fuzz/regressions/TARGET/. A non-zip sheet-xlsx input (worksheet XML, see
# Fuzz/Sources/sheet-xlsx) is saved as the .xlsx workbook the target packed it into, so that the
# regression is a real file. Prints the triage lines; existing files are left alone.
set -eu

export SWIFT_BACKTRACE=enable=no
here=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 1 ] || { echo "usage: $0 TARGET" >&2; exit 64; }
target=$1
artifacts="$here/.work/$target/artifacts"
[ -d "$artifacts" ] || { echo "$0: nothing found for $target ($artifacts)" >&2; exit 0; }

"$here/triage.sh" "$target" "$artifacts" | while IFS="$(printf '\t')" read -r name outcome error top core; do
    case "$outcome" in
        ok|leak) folder="$here/regressions/$target" ;;
        *) folder="$here/regressions-pending/$target" ;;
    esac
    mkdir -p "$folder"
    source="$artifacts/$name"
    if [ "$target" = sheet-xlsx ] && [ "$(head -c 2 "$source")" != PK ]; then
        [ -e "$folder/$name.xlsx" ] || MGAUDIT_FUZZ_SAVE_WORKBOOK="$folder/$name.xlsx" \
            "$here/.build/debug/fuzz-sheet-xlsx" -runs=1 -timeout=10 "$source" >/dev/null 2>&1 </dev/null || true
        name="$name.xlsx"
    else
        [ -e "$folder/$name" ] || cp "$source" "$folder/$name"
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "${folder#"$here"/}" "$name" "$outcome" "$error" "$top" "$core"
done
