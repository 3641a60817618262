#!/usr/bin/env bash
# The whole suite on a virtual screen (Xvfb, OpenGL through Mesa). CI shows a run's last lines, so a
# failure ends with the lines that name the test and the place: a timeout's stack dump lists the
# innermost frames first and pytest's outermost frames last.
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
# `timeout`: a hang outside any test (collection, interpreter exit) still ends the run, in 40 min at most.
QT_QPA_PLATFORM=xcb timeout -k 30 2400 xvfb-run -a -s "-screen 0 1600x1000x24" \
    .venv/bin/python -m pytest -q "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
if [ "$rc" -ne 0 ]; then
    echo "==== the test suite failed (exit $rc); the tests and places named above:"
    grep -E 'Timeout|^(FAILED|ERROR) |Fatal Python error|Segmentation|line [0-9]+ in test_|^tests/.*:[0-9]+: ' "$log" | tail -40
fi
rm -f "$log"
exit "$rc"
