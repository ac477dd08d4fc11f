#!/usr/bin/env bash
# test-render.sh — revdeck-cli render: the files it writes are what they claim
# to be, at the size asked for, and its exit status follows the other commands.
# Copyright 2026 The Revdeck developers
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
cli=${1:?usage: test-render.sh PATH-TO-revdeck-cli}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
n=0 fails=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
fail() { n=$((n + 1)); echo "not ok $n - $1"; fails=$((fails + 1)); }
check() {  # check NAME EXPECTED-STATUS COMMAND...
  local name=$1 want=$2; shift 2
  "$@" >"$dir/out" 2>"$dir/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then ok "$name"; else
    fail "$name (exit $got, wanted $want)"; sed 's/^/# /' "$dir/err" | head -5; fi
}
u32be() {  # u32be FILE OFFSET: a big-endian 32-bit number
  od -An -tu1 -j "$2" -N4 "$1" | awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4 }'
}
png_ok() {  # png_ok NAME FILE WIDTH HEIGHT
  if [ "$(od -An -tx1 -N8 "$2" | tr -d ' \n')" = "89504e470d0a1a0a" ] \
     && [ "$(u32be "$2" 16)" -eq "$3" ] && [ "$(u32be "$2" 20)" -eq "$4" ]; then ok "$1"; else
    fail "$1: not a ${3}x${4} PNG ($(od -An -tx1 -N24 "$2" | tr -d '\n'))"; fi
}

ws=$dir/demo.revdeck
"$cli" demo "$ws" >/dev/null || { echo "Bail out! demo failed"; exit 1; }

# Every view, light and dark, to PNG at the default size.
for view in overview funnel aging coverage retention quality; do
  for theme in light dark; do
    check "$view $theme png" 0 "$cli" render "$ws" --view "$view" --theme "$theme" --out "$dir/$view-$theme.png"
    png_ok "$view $theme is a 1280x800 PNG" "$dir/$view-$theme.png" 1280 800
  done
done
# Light and dark are different pictures.
cmp -s "$dir/overview-light.png" "$dir/overview-dark.png" && fail "dark differs from light" || ok "dark differs from light"

# Sizes and HiDPI.
check "800x600" 0 "$cli" render "$ws" --view funnel --width 800 --height 600 --out "$dir/small.png"
png_ok "800x600 PNG" "$dir/small.png" 800 600
check "2560x1440" 0 "$cli" render "$ws" --view coverage --width 2560 --height 1440 --out "$dir/big.png"
png_ok "2560x1440 PNG" "$dir/big.png" 2560 1440
check "scale 2" 0 "$cli" render "$ws" --view aging --scale 2 --out "$dir/hidpi.png"
png_ok "scale 2 doubles the pixels" "$dir/hidpi.png" 2560 1600

# SVG: well-formed XML with the page size and the view's title in it.
check "svg" 0 "$cli" render "$ws" --view retention --out "$dir/r.svg"
if command -v xmllint >/dev/null; then
  xmllint --noout "$dir/r.svg" 2>"$dir/err" && ok "svg parses as XML" || { fail "svg parses as XML"; head -3 "$dir/err"; }
else
  python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$dir/r.svg" \
    && ok "svg parses as XML" || fail "svg parses as XML"
fi
grep -q 'width="1280' "$dir/r.svg" && grep -q 'height="800' "$dir/r.svg" && ok "svg is 1280x800" || fail "svg is 1280x800"

# PDF: a PDF whose page is the size asked for.
check "pdf" 0 "$cli" render "$ws" --view quality --width 1024 --height 768 --out "$dir/q.pdf"
[ "$(head -c 5 "$dir/q.pdf")" = "%PDF-" ] && ok "pdf header" || fail "pdf header"
if command -v pdfinfo >/dev/null; then
  pdfinfo "$dir/q.pdf" | grep -q "Page size: *1024 x 768 pts" && ok "pdf page size" || fail "pdf page size"
else
  grep -aq "MediaBox \[ *0 0 1024 768 *\]" "$dir/q.pdf" && ok "pdf page size" || fail "pdf page size"
fi

# The deck: every view, one PDF page each, in the order of the window.
check "deck" 0 "$cli" render "$ws" --view all --out "$dir/deck.pdf"
pages=$(grep -ac "/Type /Page\b[^s]" "$dir/deck.pdf")
[ "$pages" -eq 6 ] && ok "deck has six pages" || fail "deck has six pages (found $pages)"
check "deck needs a pdf" 2 "$cli" render "$ws" --view all --out "$dir/x.png"

# Filters are the ones of `metrics`; an empty slice still renders.
check "segment filter" 0 "$cli" render "$ws" --view overview --segment Enterprise --out "$dir/seg.png"
check "empty slice" 0 "$cli" render "$ws" --view funnel --as-of 2020-03-31 --out "$dir/empty.png"
png_ok "empty slice is a PNG" "$dir/empty.png" 1280 800

# Usage errors (2) and refusals (1), nothing written.
check "no view" 2 "$cli" render "$ws" --out "$dir/x.png"
check "unknown view" 2 "$cli" render "$ws" --view forecast --out "$dir/x.png"
grep -q "overview, funnel" "$dir/err" && ok "unknown view lists the views" || fail "unknown view lists the views"
check "no out" 2 "$cli" render "$ws" --view funnel
check "unknown format" 2 "$cli" render "$ws" --view funnel --out "$dir/x.jpg"
check "bad theme" 2 "$cli" render "$ws" --view funnel --theme sepia --out "$dir/x.png"
check "too small" 2 "$cli" render "$ws" --view funnel --width 10 --out "$dir/x.png"
check "bad scale" 2 "$cli" render "$ws" --view funnel --scale 9 --out "$dir/x.png"
check "bad clock" 2 "$cli" render "$ws" --view aging --aging-clock sundial --out "$dir/x.png"
check "two files" 2 "$cli" render "$ws" "$ws" --view funnel --out "$dir/x.png"
check "missing workspace" 1 "$cli" render "$dir/nope.revdeck" --view funnel --out "$dir/x.png"
check "unknown segment" 1 "$cli" render "$ws" --view funnel --segment Nope --out "$dir/x.png"
grep -q "Enterprise" "$dir/err" && ok "unknown segment lists the segments" || fail "unknown segment lists the segments"
check "unwritable" 1 "$cli" render "$ws" --view funnel --out "$dir/no/such/dir/x.png"
[ ! -e "$dir/x.png" ] && ok "errors wrote nothing" || fail "errors wrote nothing"

echo "1..$n"
[ "$fails" -eq 0 ]
