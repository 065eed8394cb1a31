#!/usr/bin/env bash
# Installs the Debian packages the test suite needs, only those missing.
# Never downloads a browser of its own: Playwright drives /usr/bin/chromium.
set -euo pipefail
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v redis-server >/dev/null || need+=(redis-server)
command -v pg_ctlcluster >/dev/null || need+=(postgresql)
command -v msgfmt >/dev/null || need+=(gettext)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
command -v wrk >/dev/null || need+=(wrk)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing: ${need[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
