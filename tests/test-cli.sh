#!/usr/bin/env bash
# test-cli.sh — revdeck-cli as a script or CI would use it: output and exit status.
# Copyright 2026 The Revdeck developers
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cli=${1:?usage: test-cli.sh PATH-TO-revdeck-cli}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
n=0 fails=0

check() {  # check NAME EXPECTED-STATUS COMMAND... ; output in $dir/out, $dir/err
  local name=$1 want=$2; shift 2
  n=$((n + 1))
  "$@" >"$dir/out" 2>"$dir/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then
    echo "ok $n - $name"
  else
    echo "not ok $n - $name (exit $got, wanted $want)"; sed 's/^/# /' "$dir/err" | head -5
    fails=$((fails + 1))
  fi
}
expect() {  # expect NAME FILE PATTERN
  n=$((n + 1))
  if grep -q -- "$3" "$2"; then echo "ok $n - $1"; else
    echo "not ok $n - $1: '$3' not in $(basename "$2")"; sed 's/^/# /' "$2" | head -5; fails=$((fails + 1)); fi
}

# Usage errors: exit 2, message on stderr, nothing on stdout.
check "no command" 2 "$cli"
check "unknown command" 2 "$cli" frobnicate
expect "unknown command named" "$dir/err" "frobnicate"
check "demo without file" 2 "$cli" demo
check "demo bad scale" 2 "$cli" demo "$dir/x.revdeck" --scale lots
expect "bad scale explained" "$dir/err" "scale"
check "demo zero scale" 2 "$cli" demo "$dir/x.revdeck" --scale 0
check "import one argument" 2 "$cli" import "$dir/ws.json"
check "unknown option" 2 "$cli" info "$dir/x.revdeck" --colour
[ ! -e "$dir/x.revdeck" ] && { n=$((n + 1)); echo "ok $n - usage errors wrote nothing"; } || { n=$((n + 1)); echo "not ok $n - usage error left a file"; fails=$((fails + 1)); }
check "help" 0 "$cli" --help
expect "help lists demo" "$dir/out" "demo"

# The demo, then info on it.
check "demo small" 0 "$cli" demo "$dir/demo.revdeck" --scale 200 --seed 3
expect "demo reports" "$dir/out" "200 opportunities"
mode=$(stat -c %a "$dir/demo.revdeck"); n=$((n + 1))
[ "$mode" = 600 ] && echo "ok $n - workspace mode 600" || { echo "not ok $n - mode $mode"; fails=$((fails + 1)); }
check "demo refuses existing file" 1 "$cli" demo "$dir/demo.revdeck"
expect "refusal says exists" "$dir/err" "already exists"
check "info" 0 "$cli" info "$dir/demo.revdeck" --check
expect "info version" "$dir/out" "Schema version: *1"
expect "info as-of" "$dir/out" "As of: *2026-09-30 (pinned)"
expect "info counts" "$dir/out" "opportunities *200$"
expect "info integrity" "$dir/out" "Integrity: *ok"

# Export, import, export: identical bytes.
check "export" 0 "$cli" export "$dir/demo.revdeck" --out "$dir/ws.json"
check "import" 0 "$cli" import "$dir/ws.json" "$dir/copy.revdeck"
check "export copy" 0 "$cli" export "$dir/copy.revdeck"
n=$((n + 1))
if cmp -s "$dir/ws.json" "$dir/out"; then echo "ok $n - round trip identical"; else echo "not ok $n - round trip differs"; fails=$((fails + 1)); fi

# Refused input: exit 1 with a message naming the problem; nothing written.
printf 'not json at all' > "$dir/bad.json"
check "import bad json" 1 "$cli" import "$dir/bad.json" "$dir/bad.revdeck"
expect "bad json explained" "$dir/err" "not valid JSON"
[ ! -e "$dir/bad.revdeck" ] && { n=$((n + 1)); echo "ok $n - refused import wrote nothing"; } || { n=$((n + 1)); echo "not ok $n - refused import left a file"; fails=$((fails + 1)); }
printf 'hello' > "$dir/text.revdeck"
check "info on a text file" 1 "$cli" info "$dir/text.revdeck"
expect "text file explained" "$dir/err" "not a Revdeck workspace"
check "info on a missing file" 1 "$cli" info "$dir/none.revdeck"

echo "1..$n"
[ "$fails" -eq 0 ]
