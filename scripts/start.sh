#!/usr/bin/env bash
# One command: set up, build the demo database if missing, start the dashboard.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
DB=${ANALYTICS_DB:-data/analytics.duckdb}
if [ ! -f "$DB" ]; then
  echo "==> Tạo cơ sở dữ liệu mẫu $DB"
  .venv/bin/python -m analytics demo --db "$DB"
fi
export ANALYTICS_DB="$DB"
exec .venv/bin/python -m ui.launch run dashboard.py --server.headless true \
  --browser.gatherUsageStats false "$@"
