#!/usr/bin/env bash
# Builds the site and serves it at http://127.0.0.1:8000/ (Norwegian at /no/), rebuilding on change.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/mkdocs serve --dev-addr "${ADDR:-127.0.0.1:8000}"
