#!/usr/bin/env bash
# Installs the Debian packages the portal needs, only those missing.
# Usage: ensure-system.sh [package ...]   (default: everything the tests need)
# Never downloads a browser of its own: Playwright drives /usr/bin/chromium.
set -euo pipefail

# package -> the command (or font) that shows it is there
declare -A probe=(
  [chromium]="command -v chromium"
  [redis-server]="command -v redis-server"
  [postgresql]="command -v pg_ctlcluster"
  [gettext]="command -v msgfmt"
  [poppler-utils]="command -v pdftoppm"
  [wrk]="command -v wrk"
  [fonts-dejavu-core]="fc-list | grep -qi dejavu"
)
wanted=("$@")
[ ${#wanted[@]} -eq 0 ] && wanted=(chromium redis-server postgresql gettext poppler-utils wrk fonts-dejavu-core)

need=()
for pkg in "${wanted[@]}"; do
  bash -c "${probe[$pkg]}" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
