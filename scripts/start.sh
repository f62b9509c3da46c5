#!/usr/bin/env bash
# One command: set up, build the demo database if missing, start the dashboard.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
DB=${ANALYTICS_DB:-data/analytics.duckdb}
if [ ! -f "$DB" ]; then
  echo "==> Tạo cơ sở dữ liệu mẫu $DB (kèm một tài khoản cho mỗi vai trò)"
  .venv/bin/python -m analytics demo --db "$DB"
elif ! .venv/bin/python -m analytics user list --db "$DB" 2>/dev/null | tail -n 1 | grep -q '"username"'; then
  echo "LƯU Ý: $DB chưa có tài khoản nào, nên chưa ai đăng nhập được. Tạo tài khoản cán bộ tổ chức:" >&2
  echo "  printf '%s\n' \"\$MAT_KHAU\" | .venv/bin/python -m analytics user add TEN --role hr --db $DB --password-stdin" >&2
  echo "  (hoặc xóa $DB để tạo lại dữ liệu mẫu kèm tài khoản mẫu)." >&2
fi
export ANALYTICS_DB="$DB"
# Listens on 127.0.0.1 only (.streamlit/config.toml); README: serving a LAN behind HTTPS.
exec .venv/bin/python -m ui.launch run dashboard.py --server.headless true \
  --browser.gatherUsageStats false "$@"
