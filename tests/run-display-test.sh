#!/usr/bin/env bash
# run-display-test.sh PROGRAM [ARGS...] — runs a GUI test on its own Xvfb
# display and private session bus (which activates only the accessibility
# bus, so no desktop portal floods the log), with throwaway XDG folders.
# Copyright 2026 The Revdeck developers
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/services" "$tmp/runtime" "$tmp/cache" "$tmp/config" "$tmp/data"
chmod 700 "$tmp/runtime"
a11y=/usr/share/dbus-1/services/org.a11y.Bus.service
[ -f "$a11y" ] && cp "$a11y" "$tmp/services/"
cat > "$tmp/session.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=$tmp</listen>
  <servicedir>$tmp/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF
export XDG_RUNTIME_DIR="$tmp/runtime" XDG_CACHE_HOME="$tmp/cache" XDG_CONFIG_HOME="$tmp/config"
export XDG_DATA_HOME="$tmp/data" GSK_RENDERER=cairo GDK_BACKEND=x11 GSETTINGS_BACKEND=memory
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session --config-file="$tmp/session.conf" -- "$@"
