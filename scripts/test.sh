#!/usr/bin/env bash
# Runs the whole test suite: unit tests of tools/, the content checks (parity, spelling, links)
# and the end-to-end tests in Chromium against the built site with the real Pyodide.
# Installs what it needs first. Extra arguments go to pytest (e.g. -k matrix).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v hunspell >/dev/null || need+=(hunspell)
[ -e /usr/share/hunspell/en_GB.dic ] || need+=(hunspell-en-gb)
[ -e /usr/share/hunspell/nb_NO.dic ] || need+=(hunspell-no)
# A real nginx serves the site with the shipped headers (harness/nginx_server.py).
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then need+=(chromium); fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Missing system packages: ${need[*]} (install them with your package manager)." >&2
  fi
fi

bash scripts/setup.sh
# Without a system Chromium, Playwright's own build is used.
if [ -z "${CHROMIUM_PATH:-}" ] && [ ! -x /usr/bin/chromium ]; then
  .venv/bin/python -m playwright install chromium
fi
exec .venv/bin/python -m pytest "$@"
