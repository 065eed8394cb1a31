#!/usr/bin/env bash
# Regenerate the fi and sv catalogs from the code, apply the translations kept
# in locale/pending/<name>.<lang>.json ({msgid: msgstr}), compile, and print
# what is still missing. A lock keeps two runs from overwriting each other.
set -euo pipefail
cd "$(dirname "$0")/.."
exec 9>/tmp/hankeportaali-po.lock
flock 9
.venv/bin/python manage.py makemessages -l fi -l sv --ignore=.venv --ignore=var \
  --ignore=tests --ignore=bench --ignore=scripts -v0
shopt -s nullglob
for file in locale/pending/*.json; do
  lang=$(basename "$file" .json); lang=${lang##*.}
  .venv/bin/python scripts/po_fill.py "$lang" "$file" >/dev/null
done
.venv/bin/python manage.py compilemessages --ignore=.venv -v0
for lang in fi sv; do
  printf '%s: ' "$lang"; msgfmt --statistics -o /dev/null "locale/$lang/LC_MESSAGES/django.po"
  # Untranslated entries, and fuzzy ones (msgmerge's guesses for new msgids):
  # both need a translation in a pending file.
  for kind in --untranslated --only-fuzzy; do
    msgattrib "$kind" --no-obsolete "locale/$lang/LC_MESSAGES/django.po" \
      | grep '^msgid ' | grep -v '^msgid ""$' | sed "s/^/  ${kind#--}: /" || true
  done
done
