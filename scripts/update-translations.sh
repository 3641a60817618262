#!/usr/bin/env bash
# Refreshes the Chinese translation from the source: lupdate collects every tr() / translate() /
# QT_TRANSLATE_NOOP string of app/ and widgets/ into resources/translations/gdscope_zh_CN.ts, keeping
# the translations already there (new strings come in marked "unfinished"; strings gone from the code
# are dropped), then lrelease builds the .qm file the app loads.
# After editing the .ts (Qt Linguist or any text editor), run this again so the .qm matches.
set -euo pipefail
shopt -s globstar
cd "$(dirname "$0")/.."
bin=.venv/bin
lupdate=$bin/pyside6-lupdate
lrelease=$bin/pyside6-lrelease
[ -x "$lupdate" ] || lupdate=pyside6-lupdate
[ -x "$lrelease" ] || lrelease=pyside6-lrelease
ts=resources/translations/gdscope_zh_CN.ts

"$lupdate" -no-obsolete -locations relative -source-language en -target-language zh_CN \
  app/**/*.py widgets/**/*.py -ts "$ts"
"$lrelease" "$ts" -qm "${ts%.ts}.qm"
if grep -q 'type="unfinished"' "$ts"; then
  echo "$ts: some strings are untranslated (type=\"unfinished\"); translate them and run this again." >&2
fi
