#!/usr/bin/env bash
# One command: set up (chromium included) and run every test, lint first.
set -euo pipefail
cd "$(dirname "$0")/.."
NEED_BROWSER=1 bash scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy analytics
exec .venv/bin/python -m pytest "$@"
