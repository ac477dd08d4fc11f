#!/usr/bin/python3
# test-atspi.py REVDECK REVDECK-CLI — drives the app as a screen reader user
# would, through the accessibility tree only (AT-SPI, dogtail): opens a copy
# of the demo company, visits the six views with the view switcher and finds
# each view's main chart with a description of its data, follows an overview
# tile's link to its view, changes the segment filter and sees the figures
# follow, then walks to a chart with Tab, opens the records behind one of its
# parts with the arrow keys and Enter, checks the records panel lists them,
# and closes it with Escape.
#
# Needs a display and a session bus with the accessibility bus: run it with
# run-display-test.sh and Debian's /usr/bin/python3 (dogtail, pyatspi).
# Prints TAP.
#
# Copyright 2026 The Revdeck developers
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

# TAP goes to the real stdout; anything else dogtail or the app prints, to
# stderr, where it cannot break the TAP stream.
TAP = os.fdopen(os.dup(1), 'w')
os.dup2(2, 1)
sys.stdout = sys.stderr

from dogtail.config import config  # noqa: E402

config.checkForA11y = False
config.searchShowingOnly = False
config.defaultDelay = 0.1
config.searchCutoffCount = 10
config.childrenLimit = 400
config.logDebugToStdOut = False
config.logDebugToFile = False

from dogtail import rawinput, tree  # noqa: E402
import pyatspi  # noqa: E402

VIEWS = ['Overview', 'Funnel', 'Aging', 'Coverage', 'Retention', 'Quality']
TIMEOUT = 30

n_tests = 0
failed = 0


def ok(cond, what):
    global n_tests, failed
    n_tests += 1
    print(('ok %d - %s' if cond else 'not ok %d - %s') % (n_tests, what), file=TAP, flush=True)
    if not cond:
        failed += 1
    return cond


def wait_for(pred, what, timeout=TIMEOUT):
    """Returns pred()'s first true value, or fails the run after timeout."""
    end = time.monotonic() + timeout
    while True:
        try:
            value = pred()
        except Exception:  # the tree changes under us while a view fills
            value = None
        if value:
            return value
        if time.monotonic() > end:
            print('Bail out! timed out waiting for %s' % what, file=TAP, flush=True)
            raise SystemExit(1)
        time.sleep(0.2)


def find_all(node, pred):
    return node.findChildren(pred, recursive=True)


def find(node, pred):
    found = node.findChild(pred, recursive=True, retry=False, requireResult=False)
    return found


def has_state(node, state):
    return node.getState().contains(state)


def page_of(app, view):
    """The page box of a view: the parent of its heading."""
    heading = find(app, lambda n: n.roleName == 'heading' and n.name == view)
    return heading.parent if heading else None


def view_tab(app, view):
    return find(app, lambda n: n.roleName == 'page tab' and n.name == view)


def selected_view(app):
    tab = find(app, lambda n: n.roleName == 'page tab' and has_state(n, pyatspi.STATE_SELECTED))
    return tab.name if tab else None


def focused(app):
    return find(app, lambda n: has_state(n, pyatspi.STATE_FOCUSED) and n.roleName != 'frame')


def main_chart(page):
    charts = find_all(page, lambda n: n.roleName == 'image' and n.name and n.name != 'GtkImage')
    return charts[0] if charts else None


def tile_values(page):
    table = find(page, lambda n: n.roleName == 'table' and n.name == 'Headline figures')
    return [c.name for c in table.children] if table else []


def main(revdeck, cli):
    tmp = tempfile.mkdtemp(prefix='revdeck-atspi-')
    path = os.path.join(tmp, 'demo.revdeck')
    subprocess.run([cli, 'demo', path], check=True, stdout=subprocess.DEVNULL)

    env = dict(os.environ)
    env.pop('NO_AT_BRIDGE', None)
    env.pop('G_DEBUG', None)
    proc = subprocess.Popen([revdeck, path], env=env)
    try:
        run(proc)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        shutil.rmtree(tmp, ignore_errors=True)
    print('1..%d' % n_tests, file=TAP, flush=True)
    return 1 if failed else 0


def run(proc):
    app = wait_for(lambda: tree.root.application('revdeck'), 'the app on the accessibility bus')
    frame = wait_for(lambda: find(app, lambda n: n.roleName == 'frame' and n.name.endswith('Revdeck')
                                  and n.name != 'Revdeck'), 'the window titled with the company')
    ok(frame.name.startswith('Northwind Analytics'), 'window names the demo company: %r' % frame.name)

    # Every view, by its name in the view switcher.
    for view in VIEWS:
        view_tab(app, view).doActionNamed('click')
        wait_for(lambda: selected_view(app) == view, 'the %s tab to be selected' % view)
        page = wait_for(lambda: page_of(app, view), 'the %s page' % view)
        chart = wait_for(lambda: main_chart(page), 'the main chart of %s' % view)
        wait_for(lambda: chart.description, 'the description of %s' % chart.name)
        ok(len(chart.description) > len(chart.name),
           '%s: main chart %r describes its data (%d characters)' % (view, chart.name, len(chart.description)))
        values = tile_values(page)
        ok(values and all(not v.startswith(':') for v in values),
           '%s: %d headline figures, each named' % (view, len(values)))

    # An overview tile opens its view.
    view_tab(app, 'Overview').doActionNamed('click')
    wait_for(lambda: selected_view(app) == 'Overview', 'the overview')
    link = wait_for(lambda: find(app, lambda n: n.roleName == 'push button' and n.name == 'Open the Funnel view'),
                    'the overview tile link to the funnel')
    link.doActionNamed('click')
    wait_for(lambda: selected_view(app) == 'Funnel', 'the funnel view after its tile link')
    ok(True, 'the stage conversion tile opens the Funnel view')

    # A filter: the first segment of the segment drop-down.
    page = page_of(app, 'Funnel')
    before = tile_values(page)
    context = page.children[1] if len(page.children) > 1 else None
    segment = find(app, lambda n: n.roleName == 'combo box' and n.name == 'Segment')
    segment.child(roleName='push button').doActionNamed('click')
    names = wait_for(lambda: [n.name for n in find_all(segment, lambda n: n.roleName == 'label'
                                                       and n.name not in ('', '(None)', 'GtkLabel'))][1:],
                     'the segments in the open drop-down')
    ok(len(names) >= 3 and names[0] == 'All segments', 'segment drop-down lists %r' % names)
    wait_for(lambda: focused(app).roleName in ('list item', 'list'), 'the keyboard focus in the open drop-down')
    rawinput.pressKey('Down')
    rawinput.pressKey('Return')
    choice = wait_for(lambda: [s for s in names[1:] if context and s in context.name], 'the page to name the segment')
    ok(True, 'Funnel page is filtered by segment %s: %r' % (choice[0], context.name))
    after = wait_for(lambda: tile_values(page) != before and tile_values(page), 'the figures to change')
    ok(after != before, 'headline figure changed with the segment: %r -> %r' % (before[:1], after[:1]))

    # The keyboard: Tab to the main chart, walk to its second part, Enter.
    chart = main_chart(page)
    # The focus is back on the drop-down that was used.
    seen = [focused(app).name]
    for _ in range(40):
        rawinput.pressKey('Tab')
        time.sleep(0.15)
        now = focused(app)
        seen.append(now.name if now is not None else None)
        if now is not None and now.roleName == 'image' and now.name.startswith(chart.name.split(':')[0]):
            break
    ok('Segment: %s' % choice[0] in seen and any(n and n.startswith('As of ') for n in seen),
       'Tab passes the filters, each named with its value: %r' % [n for n in seen if n][:8])
    now = focused(app)
    ok(now is not None and now.roleName == 'image', 'Tab reaches the main chart: %r' % (now and now.name))
    rawinput.pressKey('Right')
    part = wait_for(lambda: ':' in focused(app).name and focused(app).name, 'the chart to name the part in focus')
    ok(True, 'the arrow key moves to a part of the chart: %r' % part)
    rawinput.pressKey('Return')

    panel = wait_for(lambda: find(app, lambda n: n.name == 'Records behind the figure'), 'the records panel')
    heading = wait_for(lambda: find(panel, lambda n: n.roleName == 'heading' and n.name), 'the records heading')
    count = wait_for(lambda: find(panel, lambda n: n.roleName == 'label' and re.fullmatch(r'[\d,]+ records?', n.name)),
                     'the record count')
    expected = int(re.match(r'[\d,]+', heading.name).group(0).replace(',', ''))
    ok(int(re.match(r'[\d,]+', count.name).group(0).replace(',', '')) == expected,
       'the panel %r counts the figure\'s %d records: %r' % (heading.name, expected, count.name))
    table = find(panel, lambda n: n.roleName == 'tree table' and n.name == 'Records')
    rows = wait_for(lambda: [r for r in find_all(table, lambda n: n.roleName == 'table row')
                             if find(r, lambda n: n.roleName == 'table cell')], 'rows in the records list')
    first = [c.name for c in find_all(rows[0], lambda n: n.roleName == 'label')]
    ok(0 < len(rows) <= expected and all(first),
       'the records list shows %d rows, the first %r' % (len(rows), first[:3]))
    buttons = [n.name for n in find_all(panel, lambda n: n.roleName == 'push button')]
    ok('Export CSV…' in buttons, 'the panel offers Export CSV: %r' % buttons)

    def on_screen():
        x, _, w, _ = panel.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        fx, _, fw, _ = frame.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        return w > 0 and x < fx + fw
    ok(on_screen(), 'the records panel is on screen')
    rawinput.pressKey('Escape')
    wait_for(lambda: not on_screen() and count.name == '', 'Escape to close the records panel', timeout=10)
    ok(True, 'Escape closes the records panel')
    ok(proc.poll() is None, 'the app is still running')


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2]))
